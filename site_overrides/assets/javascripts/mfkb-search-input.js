// Material's search reads its box on keyup only, so a query pasted with the
// mouse, dropped in, or finished in an IME composition (Korean) would run
// nothing until the next key. Every change of the box is passed on as a keyup;
// Material drops the repeats (it compares the value).
(function () {
  "use strict";
  var box = document.querySelector("input[data-md-component='search-query']");
  if (!box) return;
  ["input", "compositionend"].forEach(function (type) {
    box.addEventListener(type, function () {
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
  });
})();
