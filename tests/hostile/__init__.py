"""Helpers for the hostile-input tests: a throwaway project, and the command line run under an audit hook."""
