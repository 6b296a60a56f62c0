"""`python -m tui` runs the reader."""

from .cli import run

run()
