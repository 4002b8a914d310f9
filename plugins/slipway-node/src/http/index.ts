export { readCappedBody } from './readCappedBody';
