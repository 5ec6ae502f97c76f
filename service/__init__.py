"""The adult drug treatment plan web service."""
