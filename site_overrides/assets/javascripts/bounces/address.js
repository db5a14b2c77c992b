// generator/bounces/address.py: an email address, as the reports write them.
(function (MFKB) {
  "use strict";

  // A local part never starts with "*" or "`": "**a@b**" is an address in Markdown
  // bold, "`a@b`" one in Markdown code.
  // Nor with a log's key: "from=a@b to=c@d" (address.py LOG_KEY), a quote or a brace ("{'a@b': (550, ...)}",
  // "{u'a@b': ...}"); the domain's last label holds a letter ("python@3.9" in a file path is none);
  // an "_" between the characters of another label is a placeholder's ("user@your_domain.com").
  // The local part runs to at most 256 characters: a search may start after each quote or "*" of a
  // run such as "a'a'a'...", each start scanning the whole run (address.py LOCAL_PART_CHARS).
  var ADDRESS = "(?!(?:from|to|orig_to|id)=|[uUbB]')[A-Za-z0-9.!#$%&+/=?^_|}~-][A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{0,255}" +
    "@[A-Za-z0-9-]+(?:_[A-Za-z0-9-]+)*(?:\\.[A-Za-z0-9-]+(?:_[A-Za-z0-9-]+)*)*\\.[A-Za-z0-9-]*[A-Za-z][A-Za-z0-9-]*";
  // Searched for only where a local part can start, or right after a log's key (address.py ADDRESS_RE).
  var ADDRESS_SEARCH = "(?<![A-Za-z0-9.!#$%&+/?^_|}~-])(?:(?<!=)|(?<=\\bfrom=)|(?<=\\bto=)|(?<=\\borig_to=)|(?<=\\bid=))" + ADDRESS;
  // A line of an address alone does not continue a reply (reply.py ADDRESS_LINE_AHEAD).
  var ADDRESS_LINE = "[ \\t]*<?(" + ADDRESS + ")>?[ \\t]*";

  function uniqueList(items) {
    var seen = {};
    return items.filter(function (item) {
      if (Object.prototype.hasOwnProperty.call(seen, item)) return false;
      seen[item] = true;
      return true;
    });
  }

  function addressIn(text) {
    var found = new RegExp(ADDRESS_SEARCH).exec(text || "");
    return found ? found[0].toLowerCase() : null;
  }

  function allAddresses(text) { return (text.match(new RegExp(ADDRESS_SEARCH, "g")) || []); }

  MFKB.bounces.address = { ADDRESS_LINE: ADDRESS_LINE, ADDRESS: ADDRESS, uniqueList: uniqueList,
    allAddresses: allAddresses, ADDRESS_SEARCH: ADDRESS_SEARCH, addressIn: addressIn };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
