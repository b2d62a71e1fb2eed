"""Handing over: the partner directory, sending files to a colleague, receiving
them, and this vault's key (shown in Paramètres too)."""
