/* On every page: the collapsing menu, Vietnamese validation messages, the styled file input, "select all".
 * Written here, no library. The words come from the server ({% ui_text %}, translated there). */
(function () {
  var T = {};
  try { T = JSON.parse(document.getElementById("ui-text").textContent); } catch (e) { T = {}; }
  window.uiText = function (key) { return T[key] || key; };

  /* The menu: a button on phones and narrow screens; open by default without script (CSS). */
  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("mainmenu");
  if (toggle && menu) {
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("open", open);
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && menu.classList.contains("open")) {
        toggle.setAttribute("aria-expanded", "false");
        menu.classList.remove("open");
        toggle.focus();
      }
    });
  }

  /* The browser's own messages ("Please fill out this field") follow its language: say it in Vietnamese. */
  function message(el) {
    var v = el.validity;
    if (v.valueMissing) {
      if (el.type === "file") return T.required_file;
      if (el.type === "checkbox" || el.type === "radio") return T.required_check;
      if (el.tagName === "SELECT") return T.required_select;
      return T.required;
    }
    if (v.typeMismatch || v.patternMismatch || v.badInput) return el.getAttribute("data-invalid-message") || T.type_mismatch;
    if (v.tooLong) return T.too_long;
    return T.invalid;
  }
  document.addEventListener("invalid", function (ev) {
    var el = ev.target;
    if (!el.setCustomValidity) return;
    el.setCustomValidity("");
    if (!el.validity.valid) el.setCustomValidity(message(el));
  }, true);
  ["input", "change"].forEach(function (type) {
    document.addEventListener(type, function (ev) {
      if (ev.target.setCustomValidity) ev.target.setCustomValidity("");
    }, true);
  });

  /* A file input that says "Chọn tệp" / "Chưa chọn tệp" whatever the browser's language. */
  function styleFile(input) {
    if (input.closest(".file-pick")) return;
    var box = document.createElement("span");
    box.className = "file-pick";
    var button = document.createElement("span");
    button.className = "btn file-button";
    button.setAttribute("aria-hidden", "true");
    button.textContent = T.choose_file;
    var name = document.createElement("span");
    name.className = "file-name";
    name.textContent = T.no_file;
    input.parentNode.insertBefore(box, input);
    var label = document.createElement("label");
    label.className = "file-label";
    box.appendChild(label);
    label.appendChild(input);
    label.appendChild(button);
    box.appendChild(name);
    input.classList.add("file-native");
    input.addEventListener("change", function () {
      var files = input.files || [];
      name.textContent = files.length === 0 ? T.no_file : files.length === 1 ? files[0].name
        : files.length + " " + T.files_chosen;
    });
  }
  document.querySelectorAll("input[type=file]").forEach(styleFile);

  /* "Chọn tất cả" of a list of checkboxes (the approval queue). */
  document.querySelectorAll("[data-check-all]").forEach(function (all) {
    var box = document.getElementById(all.getAttribute("aria-controls"));
    if (!box) return;
    all.addEventListener("change", function () {
      box.querySelectorAll("input[type=checkbox]:not(:disabled)").forEach(function (c) { c.checked = all.checked; });
    });
  });

  /* A table wider than the screen scrolls inside its box; on a phone nothing shows that it does: say so
   * above it, only while it overflows (the width changes when a phone turns). */
  function markScrollable() {
    document.querySelectorAll(".table-scroll, .heat-wrap, main table.grid:not(.entry)").forEach(function (box) {
      var prev = box.previousElementSibling;
      var hint = prev && prev.classList.contains("scroll-hint") ? prev : null;
      var scrollable = box.scrollWidth > box.clientWidth + 1;
      if (scrollable && !hint) {
        hint = document.createElement("p");
        hint.className = "scroll-hint";
        hint.textContent = T.scroll_hint;
        box.parentNode.insertBefore(hint, box);
      }
      if (hint) hint.hidden = !scrollable;
    });
  }
  var resizeTimer;
  window.addEventListener("resize", function () { clearTimeout(resizeTimer); resizeTimer = setTimeout(markScrollable, 150); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", markScrollable);
  else markScrollable();
})();
