"""Imperative shell: Prefect flows, tasks and the command line. Owns all I/O."""
