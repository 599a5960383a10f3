#!/usr/bin/env python
from uof.cli import main

if __name__ == "__main__":
    main()
