"""`python -m reader` runs the same CLI as the `leesplank` command."""

from reader.cli import main

raise SystemExit(main())
