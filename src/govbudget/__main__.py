import sys

from govbudget.cli import main

sys.exit(main())
