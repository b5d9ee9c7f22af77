/**
 * The part of pdfkit's API the local site's PDF export uses (pdfkit ships no types; this avoids
 * a third dependency for @types/pdfkit). See pdfkit's documentation for the full API.
 */
declare module 'pdfkit' {
  interface TextOptions {
    width?: number;
    continued?: boolean;
    link?: string | null;
    underline?: boolean;
    strike?: boolean;
    lineBreak?: boolean;
    indent?: number;
    lineGap?: number;
  }
  interface DocumentOptions {
    size?: string;
    margin?: number;
    compress?: boolean;
    info?: Record<string, string>;
    lang?: string;
    bufferPages?: boolean;
  }
  class PDFDocument {
    constructor(options?: DocumentOptions);
    x: number;
    y: number;
    page: { width: number; height: number; margins: { top: number; bottom: number; left: number; right: number } };
    on(event: 'data', listener: (chunk: Buffer) => void): this;
    on(event: 'end', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    registerFont(name: string, src: string, family?: string): this;
    font(name: string): this;
    fontSize(size: number): this;
    fillColor(color: string): this;
    strokeColor(color: string): this;
    lineWidth(width: number): this;
    text(text: string, options?: TextOptions): this;
    text(text: string, x: number, y: number, options?: TextOptions): this;
    heightOfString(text: string, options?: TextOptions): number;
    moveDown(lines?: number): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    rect(x: number, y: number, w: number, h: number): this;
    stroke(): this;
    addPage(): this;
    end(): void;
  }
  export default PDFDocument;
}
