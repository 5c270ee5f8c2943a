"""Reading supplier CMRTs: safety checks, revision detection, cell maps, reading and look-ups."""
