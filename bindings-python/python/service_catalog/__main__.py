"""``python -m service_catalog``: the same as the ``service-catalog-py`` command."""

from ._cli import main

if __name__ == "__main__":
    raise SystemExit(main())
