"""Measures: one family per module, pure functions Story -> {character: value}."""
