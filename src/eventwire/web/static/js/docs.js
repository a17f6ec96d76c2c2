/* The API docs page: Swagger UI (vendored) over the server's own OpenAPI document. */
"use strict";
(function () {
  const node = document.getElementById("swagger");
  window.SwaggerUIBundle({ url: node.dataset.spec, domNode: node, deepLinking: true, tryItOutEnabled: false });
})();
