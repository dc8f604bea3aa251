import sys

from tracker.cli import PROG, command

sys.exit(command(prog=PROG))
