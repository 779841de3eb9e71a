// Live clash feedback on the booking form: asks the server which of the wanted dates are
// taken while the user types. The form works the same without it (the server answers on submit).
(function () {
  "use strict";
  var form = document.querySelector("form[data-check-url]");
  var out = document.getElementById("check-result");
  if (!form || !out || !window.fetch) { return; }
  var names = ["day", "start", "end", "repeat", "interval", "until", "count"];
  var timer = null;
  // The texts come translated from the page.
  var t = {
    free: form.getAttribute("data-text-free"),
    dates: form.getAttribute("data-text-dates"),
    taken: form.getAttribute("data-text-taken"),
    skipped: form.getAttribute("data-text-skipped")
  };

  function value(name) {
    var field = form.elements[name];
    return field ? field.value : "";
  }

  function list(title, items) {
    var p = document.createElement("p");
    p.textContent = title;
    var ul = document.createElement("ul");
    items.forEach(function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      ul.appendChild(li);
    });
    return [p, ul];
  }

  function show(data) {
    out.textContent = "";
    out.className = "check-result";
    if (data.error) {
      out.textContent = data.error;
      out.classList.add("check-bad");
      return;
    }
    if (data.dates > 1 || !data.clashes.length) {
      var summary = document.createElement("p");
      summary.textContent = data.dates > 1 ? t.dates.replace("{free}", data.free).replace("{dates}", data.dates) : t.free;
      out.appendChild(summary);
    }
    if (data.clashes.length) {
      out.classList.add("check-bad");
      list(t.taken, data.clashes.map(function (c) { return c.text; })).forEach(function (el) { out.appendChild(el); });
    } else {
      out.classList.add("check-ok");
    }
    if (data.skipped.length) {
      list(t.skipped, data.skipped.map(function (s) { return s.date + ": " + s.reason; }))
        .forEach(function (el) { out.appendChild(el); });
    }
  }

  function check() {
    if (!value("day") || !value("start") || !value("end")) { return; }
    var params = new URLSearchParams();
    names.forEach(function (name) { if (value(name)) { params.set(name, value(name)); } });
    fetch(form.getAttribute("data-check-url") + "?" + params.toString(), {
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    }).then(function (response) { return response.json(); }).then(show).catch(function () {
      out.textContent = "";
    });
  }

  form.addEventListener("input", function (event) {
    if (names.indexOf(event.target.name) === -1) { return; }
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 300);
  });
  check();
})();
