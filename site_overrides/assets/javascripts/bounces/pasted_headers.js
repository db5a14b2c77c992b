// generator/bounces/pasted_headers.py: header lines of a forwarded message pasted into the text
// without a forwarding line ("Od: ...", "Do: ...", "Temat: ..."; Outlook's "From:", "Sent:", "To:").
(function (MFKB) {
  "use strict";
  var allAddresses = MFKB.bounces.address.allAddresses;
  var FIELD_NAME_RE = MFKB.bounces.report.FIELD_NAME_RE, fieldName = MFKB.bounces.report.fieldName;

  // A run of "Name: value" lines with a From and a To among them: their addresses are the forwarded
  // message's sender and addressees (pasted_headers.py pasted_header_addresses).
  var PASTED_FIELD_LINE_RE = /^[A-Za-z][A-Za-z0-9_-]*[ \t]*:/, PASTED_ADDRESS_FIELDS = ["from", "to", "cc"];
  function pastedHeaderAddresses(body) {
    var addresses = [], run = [];
    body.split("\n").concat([""]).forEach(function (line) {
      var field = FIELD_NAME_RE.exec(line);
      if (field || PASTED_FIELD_LINE_RE.test(line)) return run.push([field && fieldName(field.groups).toLowerCase(), line]);
      var names = run.map(function (item) { return item[0]; });
      if (names.indexOf("from") >= 0 && names.indexOf("to") >= 0) run.forEach(function (item) {
        if (PASTED_ADDRESS_FIELDS.indexOf(item[0]) >= 0) addresses = addresses.concat(allAddresses(item[1]));
      });
      run = [];
    });
    return addresses.map(function (address) { return address.toLowerCase(); });
  }

  MFKB.bounces.pasted_headers = { pastedHeaderAddresses: pastedHeaderAddresses };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
