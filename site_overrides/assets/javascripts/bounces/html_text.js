// generator/bounces/html_text.py: HTML in a pasted bounce read as text, its tags gone, a recipient's
// <a@b> kept, its entities read as the browser reads them.
(function (MFKB) {
  "use strict";

  // Pasted HTML (a bounce's HTML part, a tracker's export with its links) as text, as Python reads
  // HTML parts (html_text.py html_as_text): part by part, as Python reads each text part
  // (message.py _part_text), so that a returned original's HTML does not make the report's own
  // "<unknown[192.0.2.1]>" a tag; a delivery-status part is never HTML.
  // A bracketed reply in a text part ("<421 4.4.2 Connection timed out>") is not a tag; tags
  // start with a letter, "/" or "!".
  var PASTED_HTML_RE = /<(?:html|body|p|div|br|table|td)\b|<a\s+href=/i;
  // A part whose own header block (at its start) declares HTML; not a returned original's header
  // copied further down in a text part.
  var HTML_PART_RE = /^(?:From [^\n]*\n)?(?:[A-Za-z][\w-]*:[^\n]*\n(?:[ \t][^\n]*\n)*)*?Content-Type:[ \t]*text\/html\b/i;
  var DELIVERY_STATUS_PART_RE = /^Content-Type:[ \t]*message\/(?:global-)?delivery-status\b/im;

  function htmlAsText(text) {
    if (!PASTED_HTML_RE.test(text) && !/^Content-Type:[ \t]*text\/html\b/im.test(text)) return text;
    return MFKB.bounces.pasted.parts(text).map(function (part) {
      var html = HTML_PART_RE.test(part) || PASTED_HTML_RE.test(part);
      return html && !DELIVERY_STATUS_PART_RE.test(part) ? partHtmlAsText(part) : part;
    }).join("\n");
  }

  // A recipient's <a@b> is no tag; its first "@" is sought (html_text.py BRACKETED_ADDRESS_RE).
  var BRACKETED_ADDRESS_RE = /<([^<>\s][^<>\s@]*@[^<>\s]+)>/g;

  function partHtmlAsText(text) {
    return text.replace(BRACKETED_ADDRESS_RE, "&lt;$1&gt;").replace(/<[A-Za-z\/!][^<>]*>/g, " ")
      .replace(/&(?:#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, entityText);
  }

  // A name as the browser reads it (its parser, HTML5's names, as Python's html.unescape), each
  // name read once (a textarea's content is text, never markup); a number as the character it
  // names, U+FFFD for none (html_text.py _entity).
  var entityReader = document.createElement("textarea");
  var namedEntities = Object.create(null);

  function entityText(entity) {
    if (entity.charAt(1) === "#") {
      var hex = entity.charAt(2).toLowerCase() === "x";
      var code = parseInt(entity.slice(hex ? 3 : 2, -1), hex ? 16 : 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "\ufffd";
    }
    if (!(entity in namedEntities)) {
      entityReader.innerHTML = entity;
      namedEntities[entity] = entityReader.value;
    }
    return namedEntities[entity];
  }

  MFKB.bounces.html_text = { htmlAsText: htmlAsText };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
