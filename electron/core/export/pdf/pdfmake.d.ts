// pdfmake 0.3 ships no type declarations; the part Taizhang uses.
declare module 'pdfmake' {
  interface OutputDocument {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfMake {
    virtualfs: import('./fontBytes').VirtualFs;
    setFonts(fonts: Record<string, Record<string, string | string[]>>): void;
    setUrlAccessPolicy(callback: (url: string) => boolean): void;
    setLocalAccessPolicy(callback: (path: string) => boolean): void;
    setProgressCallback(callback: ((progress: number) => void) | undefined): void;
    createPdf(docDefinition: Record<string, unknown>, options?: Record<string, unknown>): OutputDocument;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
