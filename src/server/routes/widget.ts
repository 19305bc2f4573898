import { Router, type Request, type Response } from 'express';
import type { WidgetAssets } from '../widget/loadWidgetAssets.js';
import { sendAsset as send, strictSelfCsp, type Asset } from '../webAssets.js';

/**
 * The demo shop page's policy: nothing inline, nothing from elsewhere. The widget works under it
 * (its styles are a constructed stylesheet, its connections go to this origin over https/wss), and it
 * has no HTML sinks at all, so even Trusted Types enforcement leaves it working.
 */
export const DEMO_PAGE_CSP = strictSelfCsp("require-trusted-types-for 'script'");

/**
 * `/widget.js` and `/widget.css` for any shop (cacheable, loadable cross-origin), and with
 * `demoPage` the demo shop product page at `/` with the widget on it, under a strict CSP.
 */
export function widgetRouter({ assets, demoPage }: { assets: WidgetAssets; demoPage: boolean }): Router {
  const router = Router();
  const embeddable = (asset: Asset) => (req: Request, res: Response) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    // Shops that isolate themselves with COEP can still load the script.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    // Short: a new deploy reaches every shop within minutes; the ETag makes revalidation cheap.
    res.setHeader('Cache-Control', 'public, max-age=300');
    send(req, res, asset);
  };
  router.get('/widget.js', embeddable(assets.widgetJs));
  router.get('/widget.css', embeddable(assets.widgetCss));
  if (demoPage) {
    router.get('/', (req, res) => {
      res.setHeader('Content-Security-Policy', DEMO_PAGE_CSP);
      res.setHeader('X-Frame-Options', 'DENY');
      // Not no-referrer: with it, browsers send `Origin: null` on same-origin POSTs, and the token endpoint checks Origin.
      res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
      res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Cache-Control', 'no-cache');
      send(req, res, assets.demoHtml);
    });
    router.get('/demo/shop.css', (req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      send(req, res, assets.demoCss);
    });
  }
  return router;
}
