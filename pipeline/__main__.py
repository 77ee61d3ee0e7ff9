"""``python -m pipeline``: the same as the ``press-pipeline`` command."""

from .cli import main

raise SystemExit(main())
