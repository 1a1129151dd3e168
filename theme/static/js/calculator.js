/*
 * The partner income calculator on /programme/: live numbers for what a partner enters.
 *
 * The page already shows a worked example computed at build time (site/
 * programme.py); this shows the form and recomputes the same formula as the numbers change:
 *   margin   = accounts x (your price - end-user fee x licence share)
 *   kickback = customers who chose you x their monthly turnover x kickback rate
 *   services = hours x hourly rate
 * Texts come from the page (data-template, data-live-text) and are written with textContent.
 * An ES module (<script type="module">), like every theme script.
 */
function init() {
  var root = document.querySelector("[data-calculator]");
  var form = root && root.querySelector("[data-calculator-form]");
  if (!form || typeof Intl === "undefined") {
    return;
  }
  var lang = document.documentElement.lang || "en";
  var currency = root.getAttribute("data-currency") || "EUR";
  var money = new Intl.NumberFormat(lang, {
    style: "currency", currency: currency, minimumFractionDigits: 0, maximumFractionDigits: 0
  });
  var count = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  var kickbackRate = Number(root.getAttribute("data-kickback"));
  var licenceShare = Number(root.getAttribute("data-licence-share"));

  function value(name) {
    var input = form.elements[name];
    var number = input ? Number(input.value) : 0;
    return isFinite(number) && number > 0 ? number : 0;
  }

  function fill(template, values) {
    return (template || "").replace(/\{([a-z_]+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function setText(selector, text) {
    var element = root.querySelector(selector);
    if (element) {
      element.textContent = text;
    }
  }

  function formula(name, values) {
    var cell = root.querySelector('[data-calculator-formula="' + name + '"]');
    if (cell) {
      cell.textContent = fill(cell.getAttribute("data-template"), values);
    }
  }

  function update(announce) {
    var cost = value("end_user_fee") * licenceShare;
    var margin = value("resold_accounts") * (value("partner_price") - cost);
    var kickback = value("referred_customers") * value("referred_turnover") * kickbackRate;
    var services = value("service_hours") * value("hourly_rate");
    var total = margin + kickback + services;
    setText('[data-calculator-output="margin"]', money.format(margin));
    setText('[data-calculator-output="kickback"]', money.format(kickback));
    setText('[data-calculator-output="services"]', money.format(services));
    setText('[data-calculator-output="total"]', money.format(total));
    formula("margin", {
      accounts: count.format(value("resold_accounts")),
      price: money.format(value("partner_price")),
      cost: money.format(cost)
    });
    formula("kickback", {
      customers: count.format(value("referred_customers")),
      turnover: money.format(value("referred_turnover"))
    });
    formula("services", {
      hours: count.format(value("service_hours")),
      rate: money.format(value("hourly_rate"))
    });
    var status = root.querySelector("[data-calculator-status]");
    if (status && announce) {
      status.textContent = fill(status.getAttribute("data-template"), { total: money.format(total) });
    }
  }

  form.hidden = false;
  var heading = root.querySelector("[data-calculator-heading]");
  if (heading && heading.getAttribute("data-live-text")) {
    heading.textContent = heading.getAttribute("data-live-text");
  }
  var example = root.querySelector("[data-calculator-example]");
  if (example) {
    example.hidden = true; // the form now shows the numbers the example described
  }
  form.addEventListener("input", function () {
    update(true);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  update(false);
}

// A module runs once the document is parsed: the elements are there.
init();
