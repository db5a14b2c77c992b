"""What an e-mail address looks like in a bounce's text.

reasons.js holds the same patterns (ADDRESS, ADDRESS_SEARCH, ADDRESS_LINE)."""
from __future__ import annotations

import re

# A local part never starts with "*" or "`": "**a@b**" is an address in Markdown
# bold, "`a@b`" one in Markdown code.  Nor with a log's key: in "from=a@b to=c@d"
# (ZoneMTA's log, without Postfix's brackets) "from=" and "to=" name the fields.
LOG_KEY = r"(?:from|to|orig_to|id)="
ADDRESS = (r"(?!%s)[A-Za-z0-9.!#$%%&'+/=?^_{|}~-][A-Za-z0-9.!#$%%&'*+/=?^_`{|}~-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
           % LOG_KEY)
# Searched for only where a local part can start (or right after a log's key):
# without the lookbehind a long run of letters would be scanned again from each
# of its characters.
ADDRESS_RE = re.compile(r"(?<![A-Za-z0-9.!#$%&'+/?^_{|}~-])(?:(?<!=)|(?<=\bfrom=)|(?<=\bto=)|(?<=\borig_to=)|(?<=\bid=))"
                        + ADDRESS)
# A line that holds an address alone, perhaps in angle brackets (its group).
ADDRESS_LINE = r"[ \t]*<?(%s)>?[ \t]*" % ADDRESS
