"""Reports: `view` turns an Analysis into plain data; renderers turn that data into text.

Renderers never touch the Story: they only see the dicts and lists `view` builds.
"""
