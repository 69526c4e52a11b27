"""``python -m govbudget.readers.pdf FILE``: print what the PDF reader read."""

from govbudget.readers.pdf import main

raise SystemExit(main())
