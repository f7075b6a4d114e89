"""``python -m whosestory.corpus PATH... --out results.parquet``: the corpus command alone."""

from whosestory.corpus.command import main

if __name__ == "__main__":
    raise SystemExit(main())
