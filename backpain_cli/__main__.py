"""Entry point for ``python -m backpain_cli``."""

from backpain_cli.launch import main

if __name__ == "__main__":
    main()
