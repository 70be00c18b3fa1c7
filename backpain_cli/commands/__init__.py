"""One module per command: each holds one public, typed function that runs it and returns an ExitCode.

cli.py turns options into a call to one of these; tests call them directly, without typer.
"""
