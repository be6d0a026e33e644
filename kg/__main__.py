"""``python -m kg``: the ``kg`` command, for environments without the console script on PATH."""

from kg.cli import main

if __name__ == "__main__":
    main()
