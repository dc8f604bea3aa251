import os
import sys

from tracker.cli import main

try:
    sys.exit(main())
except BrokenPipeError:
    # `python -m tracker summary | head`: the reader left early; that is not an error
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(0)
