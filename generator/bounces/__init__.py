"""Bounce messages (NDRs): their codes and why each recipient failed."""
