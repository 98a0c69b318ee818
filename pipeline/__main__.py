"""`python -m pipeline …` is `qms …`."""

from pipeline.cli import main

main()
