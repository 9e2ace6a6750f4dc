// How Debian's Chromium is launched here (tests, icon rendering): without the background
// services, which keep trying to reach hosts this network does not have.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu'
  ]
};
