"""What an e-mail address looks like in a bounce's text.

bounces/address.js holds the same patterns (ADDRESS, ADDRESS_SEARCH, ADDRESS_LINE)."""
from __future__ import annotations

import re

# A local part never starts with "*" or "`": "**a@b**" is an address in Markdown
# bold, "`a@b`" one in Markdown code.  Nor with a log's key: in "from=a@b to=c@d"
# (ZoneMTA's log, without Postfix's brackets) "from=" and "to=" name the fields.
LOG_KEY = r"(?:from|to|orig_to|id)="
# Nor with a quote or a brace: "{'a@b': (550, b'...')}" (Python's dict of refused
# recipients), "{u'a@b': ...}" (Python 2's, whose "u'" prefix is no local part either).
# The last label of the domain holds a letter: "python@3.9" in a stack trace's file
# path is no address (a host named by its IP address is written "[192.0.2.1]").
# RFC 5321 allows no "_" in a domain, yet people hiding theirs paste "user@your_domain.com":
# an "_" between the characters of a label other than the last is read ("_a@b.com_", an
# address in Markdown italics, still ends at ".com").
# A local part runs to at most LOCAL_PART_CHARS characters (RFC 5321 allows 64): a search may start
# after each quote or "*" of a run such as "a'a'a'...", and unbounded, each start scanned the whole run.
LOCAL_PART_CHARS = 256
ADDRESS = (r"(?!%s|[uUbB]')[A-Za-z0-9.!#$%%&+/=?^_|}~-][A-Za-z0-9.!#$%%&'*+/=?^_`{|}~-]{0,%d}"
           r"@[A-Za-z0-9-]+(?:_[A-Za-z0-9-]+)*(?:\.[A-Za-z0-9-]+(?:_[A-Za-z0-9-]+)*)*\.[A-Za-z0-9-]*[A-Za-z][A-Za-z0-9-]*"
           % (LOG_KEY, LOCAL_PART_CHARS - 1))
# Searched for only where a local part can start (or right after a log's key):
# without the lookbehind a long run of letters would be scanned again from each
# of its characters.
ADDRESS_RE = re.compile(r"(?<![A-Za-z0-9.!#$%&+/?^_|}~-])(?:(?<!=)|(?<=\bfrom=)|(?<=\bto=)|(?<=\borig_to=)|(?<=\bid=))"
                        + ADDRESS)
# A line that holds an address alone, perhaps in angle brackets (its group).
ADDRESS_LINE = r"[ \t]*<?(%s)>?[ \t]*" % ADDRESS
