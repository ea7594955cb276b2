// Shows "due for review" on a page whose review date has passed, worked out on the reader's
// machine from the date in the page: a copy taken away a year ago still warns its reader.
(function () {
  "use strict";
  var notices = document.querySelectorAll(".review-notice[data-review-by]");
  var today = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var todayText = today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate());
  for (var i = 0; i < notices.length; i++) {
    var due = notices[i].getAttribute("data-review-by") || "";
    if (/^\d{4}-\d{2}-\d{2}$/.test(due)) {
      notices[i].hidden = !(due < todayText);
    }
  }
})();
