// Builds DOM nodes from data for the shop and admin pages, never through innerHTML, so that a text
// from the API is always text and the pages run under a strict Content-Security-Policy. The widget
// does not load this file: it is one self-contained script that a site embeds on its own.
(function () {
  'use strict';

  // el('a', { href: '/x', text: 'X', className: 'link' }, [child, 'text', 42])
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (name === 'text') {
        node.textContent = value;
      } else if (name === 'className') {
        node.className = value;
      } else {
        node.setAttribute(name, value === true ? '' : String(value));
      }
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
      }
    });
    return node;
  }

  window.DemoDom = Object.freeze({ el: el });
})();
