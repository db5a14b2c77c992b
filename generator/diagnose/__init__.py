"""`python -m generator diagnose`: walk a delivery path the way a sending
server does (DNS, TCP, SMTP greeting, EHLO, STARTTLS, certificate or DANE, QUIT) and
name the knowledge base entry of the first step that fails.

    target.py    what the user typed: an IP address or a name, checked
    steps.py     one step's outcome, the fault codes, the run's time bound
    dns.py       MX, then A/AAAA (dnspython; --nameserver), and where a CNAME led
    connect.py   the TCP connection
    smtp.py      replies and commands of the SMTP session (no MAIL, RCPT or DATA)
    tls.py       STARTTLS handshake and the certificate checks
    tlsa.py      the TLSA records of a host (SMTP DANE), with the resolver's AD flag
    dane.py      with authenticated TLSA records: the certificate checked against them
    mtasts.py    the MTA-STS record, the policy's rules and what a sending server does with them
    policy_fetch.py  the HTTPS fetch of the MTA-STS policy
    eyeballs.py  a connection to the first of several addresses that answers (Happy Eyeballs)
    tlsrpt.py    the TLS-RPT record: whether and where TLS failures would be reported
    walk.py      the order of the steps and the result
    report.py    the result as text (en, ko) or JSON
"""
