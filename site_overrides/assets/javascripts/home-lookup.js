// The home page's lookup box: Enter, Ctrl+Enter or a paste opens the lookup page
// with the text (Shift+Enter starts a new line). A code goes in the address
// (?q=4.4.316); a pasted NDR, too long for an address, through sessionStorage
// (lookup.js takes it from there). Without JavaScript the form submits ?q= itself.
(function () {
  "use strict";
  function start() {
    var form = document.getElementById("mfkb-home-lookup");
    if (!form) return;
    var input = form.elements.q;
    function run() {
      var text = input.value.trim();
      if (!text) return;
      var target = new URL(form.getAttribute("action"), location.href);
      if (text.length > 300 || /[\r\n]/.test(text)) {
        try { sessionStorage.setItem("mfkb-lookup-q", text); } catch (e) { target.searchParams.set("q", text); }
      } else {
        target.searchParams.set("q", text);
      }
      location.href = target.toString();
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); run(); }
    });
    input.addEventListener("paste", function () { setTimeout(run, 0); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
