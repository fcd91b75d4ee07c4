export { WhatIf, whatIfAnnotations, withAnnotations } from './WhatIf';
