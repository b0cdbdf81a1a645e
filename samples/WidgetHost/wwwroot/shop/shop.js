// The demo shop: one document for every shop route; this script renders the content for the path.
// Plain DOM building (no innerHTML with data) so the page works under a strict Content-Security-Policy.
(function () {
  'use strict';

  var CART_KEY = 'shop.cart';

  var lamp = {
    slug: 'desk-lamp',
    name: 'Desk lamp',
    price: 49,
    summary: 'A warm, dimmable LED desk lamp with a weighted oak base and an arm that stays where you put it.',
    details: [
      'Three colour temperatures, from 2700 K to 4000 K',
      'Dimmable with a touch on the base',
      'USB-C charging port for your phone',
      'Delivered in 2 to 3 working days, free returns within 30 days'
    ]
  };

  var money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });

  var el = window.DemoDom.el;

  function readCart() {
    try {
      var quantity = parseInt(localStorage.getItem(CART_KEY) || '0', 10);
      return isNaN(quantity) || quantity < 0 ? 0 : quantity;
    } catch (e) {
      return 0;
    }
  }

  function writeCart(quantity) {
    try {
      localStorage.setItem(CART_KEY, String(quantity));
    } catch (e) {
      // Storage can be disabled; the cart then lives only on this page.
    }
    showCartCount();
  }

  function showCartCount() {
    var badge = document.getElementById('cart-count');
    if (!badge) {
      return;
    }
    var quantity = readCart();
    badge.textContent = quantity > 0 ? '(' + quantity + ')' : '';
  }

  // Tells the messaging widget about a shop event (an SDK event for the engine), when the widget is there.
  function track(eventName) {
    if (window.ProactiveWidget && typeof window.ProactiveWidget.track === 'function') {
      window.ProactiveWidget.track(eventName);
    }
  }

  function lampImage(className) {
    return el('img', {
      src: '/shop/desk-lamp.svg',
      alt: 'A black desk lamp with an oak base',
      className: className,
      width: 320,
      height: 320
    });
  }

  function homePage() {
    return [
      el('section', { className: 'hero' }, [
        el('div', { className: 'hero-text' }, [
          el('p', { className: 'eyebrow', text: 'New this season' }),
          el('h1', { text: 'Demo Shop' }),
          el('p', { className: 'lead', text: 'Good light for good work. Small things for your desk, made to last.' }),
          el('a', { className: 'button button-primary', href: '/products/desk-lamp', text: 'Shop the desk lamp' })
        ]),
        lampImage('hero-image')
      ]),
      el('section', { className: 'product-grid', 'aria-labelledby': 'featured-heading' }, [
        el('h2', { id: 'featured-heading', text: 'Featured' }),
        productCard()
      ])
    ];
  }

  function productCard() {
    return el('article', { className: 'card product-card' }, [
      lampImage('product-card-image'),
      el('div', { className: 'product-card-body' }, [
        el('h3', {}, [el('a', { href: '/products/desk-lamp', text: lamp.name })]),
        el('p', { className: 'muted', text: lamp.summary }),
        el('p', { className: 'price', text: money.format(lamp.price) })
      ])
    ]);
  }

  function productPage(slug) {
    if (slug !== lamp.slug) {
      return [
        el('h1', { text: 'Product not found' }),
        el('p', {}, ['We do not sell that (yet). Have a look at the ', el('a', { href: '/products/desk-lamp', text: 'desk lamp' }), '.'])
      ];
    }

    var status = el('p', { className: 'form-status', role: 'status', id: 'add-status' });
    var quantity = el('input', { id: 'quantity', type: 'number', min: 1, max: 10, value: 1, inputmode: 'numeric' });
    var form = el('form', { className: 'buy-form', id: 'add-to-cart' }, [
      el('div', { className: 'field field-inline' }, [
        el('label', { 'for': 'quantity', text: 'Quantity' }),
        quantity
      ]),
      el('button', { type: 'submit', className: 'button button-primary', text: 'Add to cart' })
    ]);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var added = Math.max(1, Math.min(10, parseInt(quantity.value, 10) || 1));
      writeCart(readCart() + added);
      status.textContent = added === 1 ? 'Added one desk lamp to your cart.' : 'Added ' + added + ' desk lamps to your cart.';
      track('addedToCart');
    });

    return [
      el('nav', { 'aria-label': 'Breadcrumb', className: 'breadcrumb' }, [
        el('a', { href: '/', text: 'Home' }), ' / ', el('span', { 'aria-current': 'page', text: lamp.name })
      ]),
      el('div', { className: 'product' }, [
        el('div', { className: 'card product-media' }, [lampImage('product-image')]),
        el('div', { className: 'product-info' }, [
          el('h1', { text: lamp.name }),
          el('p', { className: 'price price-large', text: money.format(lamp.price) }),
          el('p', { className: 'lead', text: lamp.summary }),
          el('ul', { className: 'feature-list' }, lamp.details.map(function (line) { return el('li', { text: line }); })),
          form,
          status
        ])
      ])
    ];
  }

  function cartPage() {
    var quantity = readCart();
    if (quantity === 0) {
      return [
        el('h1', { text: 'Your cart' }),
        el('div', { className: 'card empty' }, [
          el('p', { text: 'Your cart is empty.' }),
          el('a', { className: 'button button-primary', href: '/products/desk-lamp', text: 'See the desk lamp' })
        ])
      ];
    }

    var removeButton = el('button', { type: 'button', className: 'button button-quiet', text: 'Remove', 'aria-label': 'Remove desk lamp from cart' });
    removeButton.addEventListener('click', function () {
      writeCart(0);
      render();
      var main = document.getElementById('main');
      if (main) {
        main.focus();
      }
    });

    return [
      el('h1', { text: 'Your cart' }),
      el('div', { className: 'cart-layout' }, [
        el('div', { className: 'card cart-lines' }, [
          el('div', { className: 'cart-line' }, [
            lampImage('cart-image'),
            el('div', { className: 'cart-line-text' }, [
              el('h2', { className: 'cart-line-name' }, [el('a', { href: '/products/desk-lamp', text: lamp.name })]),
              el('p', { className: 'muted', text: 'Quantity: ' + quantity })
            ]),
            el('p', { className: 'cart-line-price', text: money.format(lamp.price * quantity) }),
            removeButton
          ])
        ]),
        summaryCard(quantity, el('a', { className: 'button button-primary button-block', href: '/checkout', text: 'Go to checkout' }))
      ])
    ];
  }

  function summaryCard(quantity, action) {
    return el('aside', { className: 'card summary', 'aria-labelledby': 'summary-heading' }, [
      el('h2', { id: 'summary-heading', text: 'Order summary' }),
      el('dl', { className: 'summary-lines' }, [
        el('dt', { text: 'Items' }), el('dd', { text: String(quantity) }),
        el('dt', { text: 'Delivery' }), el('dd', { text: 'Free' }),
        el('dt', { className: 'total', text: 'Total' }), el('dd', { className: 'total', text: money.format(lamp.price * quantity) })
      ]),
      action
    ]);
  }

  function field(id, label, attributes) {
    var input = el('input', Object.assign({ id: id, name: id }, attributes || {}));
    return el('div', { className: 'field' }, [el('label', { 'for': id, text: label }), input]);
  }

  function checkoutPage() {
    var quantity = Math.max(readCart(), 1);
    var status = el('p', { className: 'form-status', role: 'status', id: 'checkout-status' });
    var form = el('form', { id: 'checkout-form', className: 'card checkout-form', novalidate: true }, [
      el('fieldset', {}, [
        el('legend', { text: 'Contact' }),
        field('checkout-name', 'Full name', { autocomplete: 'name', required: true }),
        field('checkout-email', 'Email', { type: 'email', autocomplete: 'email', required: true })
      ]),
      el('fieldset', {}, [
        el('legend', { text: 'Delivery address' }),
        field('checkout-street', 'Street and number', { autocomplete: 'street-address', required: true }),
        el('div', { className: 'field-row' }, [
          field('checkout-postcode', 'Postcode', { autocomplete: 'postal-code', required: true }),
          field('checkout-city', 'City', { autocomplete: 'address-level2', required: true })
        ])
      ]),
      el('fieldset', {}, [
        el('legend', { text: 'Payment' }),
        field('checkout-card', 'Card number', { autocomplete: 'cc-number', inputmode: 'numeric', required: true }),
        el('div', { className: 'field-row' }, [
          field('checkout-expiry', 'Expiry (MM/YY)', { autocomplete: 'cc-exp', required: true }),
          field('checkout-cvc', 'Security code', { autocomplete: 'cc-csc', inputmode: 'numeric', required: true })
        ])
      ]),
      el('button', { type: 'submit', className: 'button button-primary button-block', text: 'Pay ' + money.format(lamp.price * quantity) }),
      status
    ]);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var missing = Array.prototype.filter.call(form.querySelectorAll('input[required]'), function (input) {
        return !input.value.trim() || !input.checkValidity();
      });
      Array.prototype.forEach.call(form.querySelectorAll('input'), function (input) {
        input.setAttribute('aria-invalid', missing.indexOf(input) >= 0 ? 'true' : 'false');
      });
      if (missing.length > 0) {
        status.textContent = 'Please fill in ' + missing.map(function (input) { return form.querySelector('label[for="' + input.id + '"]').textContent; }).join(', ') + '.';
        missing[0].focus();
        return;
      }
      status.textContent = 'Thank you! This is a demo shop, so no payment was taken.';
      track('purchase');
      writeCart(0);
    });

    return [
      el('h1', { text: 'Checkout' }),
      el('div', { className: 'cart-layout' }, [form, summaryCard(quantity, null)])
    ];
  }

  function route(pathname) {
    var path = pathname.replace(/\/+$/, '') || '/';
    var product = /^\/products\/([^/]+)$/.exec(path);
    if (path === '/') {
      return { title: 'Demo Shop', nav: '/', content: homePage() };
    }
    if (product) {
      var slug = decodeURIComponent(product[1]);
      return { title: (slug === lamp.slug ? lamp.name : 'Product not found') + ' · Demo Shop', nav: '/products/desk-lamp', content: productPage(slug) };
    }
    if (path === '/cart') {
      return { title: 'Your cart · Demo Shop', nav: '/cart', content: cartPage() };
    }
    if (path === '/checkout') {
      return { title: 'Checkout · Demo Shop', nav: '/checkout', content: checkoutPage() };
    }
    return { title: 'Page not found · Demo Shop', nav: null, content: [el('h1', { text: 'Page not found' }), el('p', {}, [el('a', { href: '/', text: 'Back to the shop' })])] };
  }

  function render() {
    var page = route(location.pathname);
    document.title = page.title;
    var main = document.getElementById('main');
    main.textContent = '';
    page.content.forEach(function (node) { main.appendChild(node); });
    Array.prototype.forEach.call(document.querySelectorAll('nav[aria-label="Shop"] a'), function (link) {
      if (link.getAttribute('href') === page.nav) {
        link.setAttribute('aria-current', 'page');
      } else {
        link.removeAttribute('aria-current');
      }
    });
    showCartCount();
  }

  render();
})();
