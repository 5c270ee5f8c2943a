"""`python -m cmrkit`: the same command as the console script."""

from cmrkit.cli import main

raise SystemExit(main())
