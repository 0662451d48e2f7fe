/**
 * Builds the add-in: the task pane (which also hosts the ribbon's functions: shared runtime) and the
 * small dialog the ribbon uses for its messages.
 *
 *   npx webpack --mode production [--env baseUrl=https://your.host/path]
 *       Office.js from Microsoft's CDN; the copied manifest points at baseUrl.
 *   npx webpack --mode development [--env testMode]
 *       Office.js served from this build (dist/office-js), so nothing is fetched beyond localhost;
 *       testMode turns on __TEST_MODE__ (the pane's ?fixture= workbooks).
 *   npx webpack serve --mode development
 *       https://localhost:3000 with the Office add-in development certificates.
 */
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_ORIGIN = 'https://localhost:3000';
const PORT = 3000;
const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_DIST = path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
const DIST = path.join(__dirname, 'dist');

/**
 * Outside Office, office.js opens a hidden frame to Microsoft's logging service after three
 * seconds. Local copies point it at about:blank so a development or test page stays on localhost.
 */
const OFFICE_LOGGING_FRAME = 'https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html';

/** What production must never bundle: the test-only fake of Excel and ExcelJS (the CLI's). */
const TEST_ONLY = [/[\\/]src[\\/]fake-excel[\\/]/, /[\\/]node_modules[\\/]exceljs[\\/]/];

function fail(message) {
  throw new Error(`BoardPlan build: ${message}`);
}

/** --env baseUrl=https://your.host/path → "https://your.host/path" (no trailing slash), or null. */
function readBaseUrl(value) {
  if (value === undefined || value === true || value === '') return null;
  let url;
  try {
    url = new URL(String(value));
  } catch {
    fail(`--env baseUrl=${value} is not a URL. Give the https address the add-in is served from, e.g. --env baseUrl=https://plans.example.org/boardplan`);
  }
  if (url.protocol !== 'https:') {
    fail(`--env baseUrl=${value} must start with https:// (Office loads add-ins only over https). Give the https address the add-in is served from.`);
  }
  if (url.search || url.hash) fail(`--env baseUrl=${value} must not have a query or fragment: give the folder the add-in is served from.`);
  return url.href.replace(/\/+$/, '');
}

/** The manifest as deployed: every development address replaced by the production one. */
function rewriteManifest(xml, baseUrl) {
  const origin = new URL(baseUrl).origin;
  return xml
    .replace(/<AppDomain>https:\/\/localhost:3000\/?<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`)
    .split(DEV_ORIGIN)
    .join(baseUrl);
}

/**
 * Office's files for the local copy. A page outside Office (test mode) needs only office.js and
 * its mapping table; inside Excel (a sideloaded development build) office.js also loads the Excel
 * file for the platform, the strings for Office's language and its telemetry sink, all from beside
 * itself.
 */
function officeJsPatterns(testMode) {
  const common = { context: OFFICE_DIST, to: 'office-js/', info: { minimized: true }, globOptions: { ignore: ['**/*.debug.js'] } };
  return [
    { ...common, from: 'office.js' },
    {
      ...common,
      from: 'o15apptofilemappingtable.js',
      transform: (content) => content.toString().split(OFFICE_LOGGING_FRAME).join('about:blank'),
    },
    // The test build's in-memory Excel answers Microsoft's own Excel client, loaded on its own.
    ...(testMode
      ? [{ ...common, from: 'excel-web-16.00.js' }]
      : [
          { ...common, from: 'excel-*16.0*.js' },
          { ...common, from: '*/office_strings.js' },
          { ...common, from: 'telemetry/oteljs_agave.js' },
        ]),
  ];
}

/** Fails a production build that pulled in test-only code (it would also bloat the pane). */
class TestCodeGuard {
  apply(compiler) {
    compiler.hooks.afterCompile.tap('TestCodeGuard', (compilation) => {
      // After optimisation: only what is really in the shipped chunks counts.
      const resources = (module) => (module.modules ? [...module.modules].flatMap(resources) : [module.resource || '']);
      for (const chunk of compilation.chunks) {
        for (const module of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
          const bad = resources(module).find((r) => TEST_ONLY.some((re) => re.test(r)));
          if (!bad) continue;
          compilation.errors.push(
            new webpack.WebpackError(
              `BoardPlan build: ${path.relative(__dirname, bad)} is test-only code but is in the production bundle. Import it only inside an if (__TEST_MODE__) branch (a dynamic import()) so it is left out.`,
            ),
          );
          return;
        }
      }
    });
  }
}

/**
 * https with Office's trusted development certificates. Where they cannot be installed (Linux,
 * CI, no administrator rights) the untrusted certificates still serve https for tools that accept
 * them; where none can be made at all, plain http, with a warning either way.
 */
async function devServerProtocol() {
  const devCerts = require('office-addin-dev-certs');
  try {
    const { ca, key, cert } = await devCerts.getHttpsServerOptions();
    return { type: 'https', options: { ca, key, cert } };
  } catch (e) {
    const { localhostCertificatePath, localhostKeyPath, caCertificatePath } = require('office-addin-dev-certs/lib/defaults');
    try {
      if (!fs.existsSync(localhostCertificatePath) || !fs.existsSync(localhostKeyPath)) await devCerts.generateCertificates();
      const options = { cert: fs.readFileSync(localhostCertificatePath), key: fs.readFileSync(localhostKeyPath) };
      if (fs.existsSync(caCertificatePath)) options.ca = fs.readFileSync(caCertificatePath);
      console.warn(
        `\nWARNING: the development certificate is not trusted on this machine (${e.message.split('\n')[0]}).\n` +
          'The dev server uses https anyway; Excel will not load the add-in until the certificate is trusted:\n' +
          'run "npx office-addin-dev-certs install" (with administrator rights) and restart the server.\n',
      );
      return { type: 'https', options };
    } catch (e2) {
      console.warn(
        `\nWARNING: no https certificate could be made (${e2.message.split('\n')[0]}).\n` +
          `The dev server falls back to plain http://localhost:${PORT}: fine for tests in a browser, but Excel will not load the add-in over http.\n`,
      );
      return { type: 'http' };
    }
  }
}

/** webpack's clean must spare what the command line's compiler (tsconfig.cli.json) writes to dist/. */
function cliOutput(assetPath) {
  const top = assetPath.split(/[\\/]/)[0];
  return fs.existsSync(path.join(__dirname, 'src', top)) && fs.statSync(path.join(__dirname, 'src', top)).isDirectory();
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || 'production';
  const production = mode === 'production';
  const testMode = Boolean(env.testMode);
  if (testMode && production) fail('--env testMode is for development builds only: use --mode development --env testMode.');
  const baseUrl = readBaseUrl(env.baseUrl);
  if (baseUrl && !production) fail('--env baseUrl is for production builds (--mode production); development builds stay on https://localhost:3000.');
  if (production && !baseUrl) console.warn('Note: no --env baseUrl given, so dist/manifest.xml still points at https://localhost:3000.');

  const officeJs = production ? OFFICE_CDN : 'office-js/office.js';

  return {
    mode,
    target: 'web',
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      dialog: './src/commands/dialog.ts',
    },
    output: {
      path: DIST,
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      clean: { keep: cliOutput },
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // Types are checked by `npm run typecheck`; ES modules let webpack drop unused code.
            options: { transpileOnly: true, compilerOptions: { module: 'esnext', noEmit: false, sourceMap: true } },
          },
        },
        // The README, as text: the page opened outside Excel shows its loading steps.
        { test: /\.md$/, type: 'asset/source' },
      ],
    },
    plugins: [
      new webpack.DefinePlugin({ __TEST_MODE__: JSON.stringify(testMode) }),
      // In the page, Microsoft's Excel client comes with a script tag, not from jsdom (a Node module).
      new webpack.NormalModuleReplacementPlugin(/[\\/]jsdom-client$/, path.join(__dirname, 'src', 'fake-excel', 'page-client.ts')),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'], officeJs, testMode, excelClient: 'office-js/excel-web-16.00.js' }),
      new HtmlWebpackPlugin({ filename: 'dialog.html', template: './src/commands/dialog.html', chunks: ['dialog'], officeJs }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          { from: 'manifest.xml', to: 'manifest.xml', transform: (content) => (baseUrl ? rewriteManifest(content.toString(), baseUrl) : content) },
          ...(production ? [] : officeJsPatterns(testMode)),
        ],
      }),
      ...(production ? [new TestCodeGuard()] : []),
    ],
    performance: { hints: false },
    devServer: {
      host: 'localhost',
      port: PORT,
      server: env.WEBPACK_SERVE ? await devServerProtocol() : 'https',
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: { directory: path.join(__dirname, 'assets'), publicPath: '/assets' },
      client: { overlay: { warnings: false } },
    },
  };
};

module.exports.rewriteManifest = rewriteManifest;
module.exports.readBaseUrl = readBaseUrl;
