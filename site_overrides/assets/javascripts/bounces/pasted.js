// generator/bounces/pasted.py: a message pasted from a mail program's "show original" view, read as
// generator/bounces/message.py's MIME parser reads it: each text part that
// declares base64 or quoted-printable becomes its text in its charset (UTF-8,
// EUC-KR, ISO-2022-JP, ...), its header then saying 8bit, so that the lookup
// page reads the words and codes the part holds; attachments (images,
// applications) are left as they are; an epilogue is left out.
(function (MFKB) {
  "use strict";

  var HEADER_RE = /^[A-Za-z][\w-]*:/;
  var CONTINUATION_RE = /^[ \t]/;
  var ENCODING_RE = /^Content-Transfer-Encoding:[ \t]*(base64|quoted-printable)[ \t]*$/im;
  var DECLARED_RE = /^Content-Transfer-Encoding:/im;
  // Read as field groups by the MIME parser, which joins no line of them.
  var DELIVERY_STATUS_RE = /^message\/(?:global-)?delivery-status$/i;
  var EMBEDDED_RE = /^message\/(?:rfc822|global)$/i;
  var TYPE_RE = /^Content-Type:[ \t]*([^;\s]+)/im;
  var CHARSET_RE = /\bcharset[ \t]*=[ \t]*["']?([^"';\s]+)/i;
  var BOUNDARY_RE = /\bboundary[ \t]*=[ \t]*(?:"([^"]+)"|([^;\s]+))/gi;
  var BASE64_LINE_RE = /^[A-Za-z0-9+\/]+=*[ \t]*$/;
  // Python's email package decodes text parts; others (images, files) stay out of the report.
  var TEXT_TYPES_RE = /^(?:text|message)\//i;
  // A line a quoted-printable encoder could have ended with a soft break.
  var QP_LINE_RE = /^[\t\x20-\x7e]{0,75}=$/;

  // The boundary lines a message declares ("--" and the boundary), and the longest one's length.
  function boundaries(lines) {
    var found = {};
    var longest = 0;
    lines.forEach(function (line) {
      var match;
      BOUNDARY_RE.lastIndex = 0;
      while ((match = BOUNDARY_RE.exec(line))) {
        var boundary = "--" + (match[1] || match[2]);
        found[boundary] = true;
        longest = Math.max(longest, boundary.length);
      }
    });
    return { lines: found, longest: longest };
  }

  function isBoundary(line, known) {
    var trimmed = line.replace(/[ \t]+$/, "");
    return known.lines[trimmed] || known.lines[trimmed.replace(/--$/, "")] || false;
  }

  // The most lines a header block may hold: a message's own header, Received lines and all,
  // holds far fewer.  Without a bound, a paste of header-like lines each after a line of
  // spaces (a block may start after it) was read again from each: time in its square.
  var MAX_HEADER_LINES = 1000;

  // The header block that starts at lines[start], as [end (the blank line), its text], or null.
  // scanned (optional) is {end}: where the header-like lines that a previous call read end;
  // a later start before that end ends there too, without reading them again.
  function headerBlock(lines, start, scanned) {
    if (!HEADER_RE.test(lines[start] || "")) return null;
    var end = scanned && start < scanned.end ? scanned.end : start + 1;
    while (end < lines.length && (HEADER_RE.test(lines[end]) || CONTINUATION_RE.test(lines[end]))) end++;
    if (scanned) scanned.end = end;
    if (end >= lines.length || lines[end].trim() || end - start > MAX_HEADER_LINES) return null;
    return [end, lines.slice(start, end).join("\n")];
  }

  function bytesOfBase64(text) {
    var binary = atob(text.replace(/\s+/g, ""));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function bytesOfQuotedPrintable(text) {
    var bytes = [];
    var joined = text.replace(/=[ \t]*\n/g, "");
    for (var i = 0; i < joined.length; i++) {
      var hex = joined.charAt(i) === "=" ? joined.slice(i + 1, i + 3) : "";
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        var code = joined.charCodeAt(i);
        if (code > 0xff) throw new Error("already decoded");
        bytes.push(code);
      }
    }
    return new Uint8Array(bytes);
  }

  function asText(bytes, charset) {
    var decoder;
    try {
      decoder = new TextDecoder(charset || "utf-8");
    } catch (unknownCharset) {
      decoder = new TextDecoder("utf-8");
    }
    return decoder.decode(bytes).replace(/\r\n?/g, "\n");
  }

  // Where the body that starts at lines[start] ends: at the next boundary
  // line, and for base64 also at the first line that is not base64.
  function bodyEnd(lines, start, encoding, known) {
    var end = start;
    while (end < lines.length && !isBoundary(lines[end], known)) {
      if (encoding === "base64" && !BASE64_LINE_RE.test(lines[end])) break;
      end++;
    }
    return end;
  }

  // What follows the closing boundary of the message's own multipart (an
  // epilogue: another message of an mbox file, a signature) is not part of it.
  function withoutEpilogue(lines) {
    var start = /^From /.test(lines[0]) ? 1 : 0;
    var block = headerBlock(lines, start);
    var type = block && TYPE_RE.exec(block[1]);
    if (!type || !/^multipart\//i.test(type[1])) return lines;
    BOUNDARY_RE.lastIndex = 0;
    var boundary = BOUNDARY_RE.exec(block[1].slice(type.index));
    if (!boundary) return lines;
    var closing = "--" + (boundary[1] || boundary[2]) + "--";
    for (var i = block[0]; i < lines.length; i++) {
      if (lines[i].replace(/[ \t]+$/, "") === closing) return lines.slice(0, i + 1);
    }
    return lines;
  }

  // The lines of the header block's Received fields that a copy put at the line start (it lost their
  // folding whitespace) indented again: a Received field runs to its ";" and date (message.py _refolded).
  var RECEIVED_FIELD_RE = /^Received:/i;
  var RECEIVED_LINES = 6;

  function refolded(lines) {
    var at = /^From /.test(lines[0]) ? 1 : 0;
    while (at < lines.length && lines[at].trim() && (HEADER_RE.test(lines[at]) || CONTINUATION_RE.test(lines[at]))) {
      var end = RECEIVED_FIELD_RE.test(lines[at]) && lines[at].indexOf(";") < 0 ? receivedEnd(lines, at) : null;
      if (end) {
        for (var line = at + 1; line <= end; line++) {
          if (!CONTINUATION_RE.test(lines[line])) lines[line] = " " + lines[line];
        }
        at = end;
      }
      at++;
    }
    return lines;
  }

  // The line holding the ";" of the Received field at lines[start], if the lines up to it are neither
  // blank nor another field (message.py _received_end).
  function receivedEnd(lines, start) {
    for (var at = start + 1; at < Math.min(start + 1 + RECEIVED_LINES, lines.length); at++) {
      var line = lines[at];
      if (!line.trim() || (!CONTINUATION_RE.test(line) && HEADER_RE.test(line))) return null;
      if (line.indexOf(";") >= 0) return at;
    }
    return null;
  }

  function decodeMessage(text) {
    var lines = withoutEpilogue(refolded(text.replace(/\r\n?/g, "\n").split("\n")));
    var known = boundaries(lines);
    var out = [];
    // A line ending in "=" continues on the next (a quoted-printable soft
    // break, pasted without its part's header), unless it is a boundary or
    // could not be quoted-printable: printable ASCII, at most 76 characters
    // with the "=" (message.py UNDECLARED_SOFT_BREAK_RE); only in text whose
    // encoding no header declares, as the MIME parser reads it (message.py
    // _decoded_payload): not in a header block, not in a part that declares
    // 7bit or 8bit, not in a delivery-status part.
    // The pieces of a line joined across soft breaks, kept apart until it ends (one string
    // made longer at each break took time in the square of its length).
    var carry = [], carried = 0;
    var scanned = { end: 0 };
    var at = 0;
    // joins: whether the text at hand may hold soft breaks; bodyAt: where the last part's text starts;
    // embeds: whether that part is a message, whose own header block comes first.
    var joins = true, bodyAt = 0, embeds = false;
    while (at < lines.length) {
      // a header block starts the text (after an mbox "From " line), a part or an embedded message
      var partStart = at === 0 || (at === 1 && /^From /.test(lines[0])) || (at > 0 && isBoundary(lines[at - 1], known));
      var starts = partStart || !lines[at - 1].trim();
      var block = starts ? headerBlock(lines, at, scanned) : null;
      var encoding = block && ENCODING_RE.exec(block[1]);
      var type = block && TYPE_RE.exec(block[1]);
      if (!encoding || (type && !TEXT_TYPES_RE.test(type[1]))) {
        var piece = lines[at];
        if (block && (partStart || (embeds && at === bodyAt))) {
          joins = !DECLARED_RE.test(block[1]) && !(type && DELIVERY_STATUS_RE.test(type[1]));
          embeds = Boolean(type && EMBEDDED_RE.test(type[1]));
          bodyAt = block[0] + 1;
        } else if (!carried && isBoundary(piece, known)) {
          joins = true;
          embeds = false;
        }
        // a boundary line is short: a longer joined line is none
        var boundary = carried + piece.length <= known.longest + 2 && isBoundary(carry.join("") + piece, known);
        if (joins && at >= bodyAt && QP_LINE_RE.test(piece) && at + 1 < lines.length && !boundary) {
          carry.push(piece.slice(0, -1));
          carried += piece.length - 1;
        } else {
          carry.push(piece);
          out.push(carry.join(""));
          carry = [];
          carried = 0;
        }
        at++;
        continue;
      }
      var kind = encoding[1].toLowerCase();
      var end = bodyEnd(lines, block[0] + 1, kind, known);
      var body = lines.slice(block[0] + 1, end).join("\n");
      var charset = CHARSET_RE.exec(type ? block[1].slice(type.index) : "");
      try {
        var bytes = kind === "base64" ? bytesOfBase64(body) : bytesOfQuotedPrintable(body);
        out.push(block[1].replace(ENCODING_RE, "Content-Transfer-Encoding: 8bit"), "",
                 asText(bytes, charset && charset[1]));
      } catch (notEncoded) {
        out.push(lines.slice(at, end).join("\n"));
      }
      joins = embeds = false;
      at = end;
    }
    if (carried) out.push(carry.join(""));
    return out.join("\n");
  }

  // The text cut at the boundary lines it declares: each part (its header block and body) and each
  // boundary line a piece of its own, in order; joined with "\n" they are the text again.
  function parts(text) {
    var lines = text.split("\n");
    var known = boundaries(lines);
    var pieces = [];
    var start = 0;
    lines.forEach(function (line, at) {
      if (!isBoundary(line, known)) return;
      if (at > start) pieces.push(lines.slice(start, at).join("\n"));
      pieces.push(line);
      start = at + 1;
    });
    if (start < lines.length) pieces.push(lines.slice(start).join("\n"));
    return pieces;
  }

  MFKB.bounces.pasted = { decodeMessage: decodeMessage, parts: parts };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
