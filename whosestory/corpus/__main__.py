"""``python -m whosestory.corpus PATH... --out results.parquet``: the corpus command alone."""

import sys

from whosestory.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["corpus", *sys.argv[1:]]))
