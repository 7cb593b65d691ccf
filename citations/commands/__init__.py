"""CLI commands that live outside cli.py (each module registers one command)."""
