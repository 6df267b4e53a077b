"""`python -m dayglass` runs the command line."""

from dayglass.cli.main import main

main()
