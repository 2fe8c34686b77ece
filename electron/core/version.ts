/** The app's name and version, from package.json at build time (bundled, so no file lookup at run time). */
import pkg from '../../package.json';

export const APP_NAME = '科创台账';
export const APP_VERSION: string = pkg.version;
