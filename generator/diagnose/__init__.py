"""`python -m generator diagnose`: walk a delivery path the way a sending
server does (DNS, TCP, SMTP greeting, EHLO, STARTTLS, certificate or DANE, QUIT) and
name the knowledge base entry of the first step that fails.

    target.py    what the user typed: an IP address or a name, checked
    steps.py     one step's outcome, the fault codes, the run's time bound
    dns.py       MX, then A/AAAA (dnspython; --nameserver)
    connect.py   the TCP connection
    smtp.py      replies and commands of the SMTP session (no MAIL, RCPT or DATA)
    tls.py       STARTTLS handshake and the certificate checks
    tlsa.py      the TLSA records of a host (SMTP DANE), with the resolver's AD flag
    dane.py      with authenticated TLSA records: the certificate checked against them
    walk.py      the order of the steps and the result
    report.py    the result as text (en, ko) or JSON
"""
