"""Issues with the files a row names (vouchers, documents, standard texts and PDFs): each
kind of attachment has its three issues, a path that is unsafe, a file of the wrong type
and a file that is not there, with the same messages (validate/files.py finds them)."""

from __future__ import annotations

from dataclasses import dataclass

from .issue import IssueType

UNSAFE = '"{value}" must be a relative path inside {folder}/ without ".."'
UNSAFE_VARIANTS = (("outside", '"{value}" must be a path under {folder}/, e.g. {folder}/file.pdf'),
                   ("link", '"{value}" goes through a symbolic link ({part}); use a real file'),
                   ("special", '"{value}" is not a regular file'),
                   ("name", '"{value}" has a character a web address cannot carry as it is, in '
                            '"{part}"; name files and folders with letters, digits, _ - and . '
                            "only (a space can be a hyphen)"))
WRONG_TYPE = '"{value}" has the extension "{suffix}"; allowed: {allowed}'
WRONG_TYPE_VARIANTS = (("content", '"{value}" does not contain {what}; its content does not '
                                   "match its extension"),)
NOT_FOUND = '"{value}" does not exist in the package'
# What a file may not hold to be published (derivatives.py).
CONTENT = ('"{value}" holds {what}, which acts when the file is opened or carries other '
           "files; export the PDF again without it (print it to a new PDF)")
CONTENT_VARIANTS = (
    ("too-large", '"{value}" is {size:,} bytes, over the limit of {limit:,} '
                  "(--max-voucher-bytes); publish a smaller photo or scan"),
    ("too-many-pixels", '"{value}" is {width:,} × {height:,} pixels, over the limit of '
                        "{limit:,}; save the picture at the size a phone takes it"),
    ("encrypted", '"{value}" is protected by a password, so what it holds cannot be checked; '
                  "publish it without one"))


@dataclass(frozen=True)
class Attachment:
    """The issues of one kind of attachment."""

    unsafe: IssueType
    type: IssueType
    not_found: IssueType
    content: IssueType | None = None  # for photos and PDFs (derivatives.inspect)

    @property
    def types(self) -> tuple[IssueType, ...]:
        return tuple(t for t in (self.unsafe, self.type, self.not_found, self.content) if t)


def _content(code: str, what_zh: str, what_en: str,
             kinds: str = "普通的照片或 PDF") -> IssueType:
    return IssueType(code, "error", f"{what_zh}内容不能公开", f"The {what_en} cannot be published",
                     f"{what_zh}须是{kinds}：不超过大小上限，PDF 里不含脚本、自动动作、附件或表单，"
                     "也不加密。照片按手机拍的大小放入；PDF 用“打印为 PDF”另存一份再放入。",
                     CONTENT, CONTENT_VARIANTS)


LEDGER_VOUCHER_CONTENT = _content("ledger-voucher-content", "凭证", "voucher")
DOCUMENT_CONTENT = _content("document-content", "文件", "document")
DISBURSEMENT_VOUCHER_CONTENT = _content("disbursement-voucher-content", "凭证", "voucher")
STANDARD_PDF_CONTENT = _content("standard-pdf-content", "PDF ", "PDF", kinds="普通的 PDF")

LEDGER_VOUCHER = Attachment(
    IssueType("ledger-voucher-unsafe", "error", "凭证路径不安全", "The voucher's path is unsafe",
              "凭证必须是 vouchers/ 目录中的普通文件：不用 ..、不用绝对路径、不用符号链接。",
              UNSAFE, UNSAFE_VARIANTS),
    IssueType("ledger-voucher-type", "error", "凭证文件类型不允许",
              "The voucher is not an allowed type", "凭证只能是 jpg、png、webp 或 pdf 文件。",
              WRONG_TYPE, WRONG_TYPE_VARIANTS),
    IssueType("ledger-voucher-not-found", "error", "凭证文件不存在",
              "The voucher file does not exist", "把凭证文件放到所写的路径，或修正路径。",
              NOT_FOUND),
    LEDGER_VOUCHER_CONTENT)
DOCUMENT = Attachment(
    IssueType("document-unsafe", "error", "文件路径不安全", "The document's path is unsafe",
              "文件必须是 documents/ 目录中的普通文件：不用 ..、不用绝对路径、不用符号链接。",
              UNSAFE, UNSAFE_VARIANTS),
    IssueType("document-type", "error", "文件类型不允许", "The document is not an allowed type",
              "只能是 pdf、jpg、png 或 webp 文件。", WRONG_TYPE, WRONG_TYPE_VARIANTS),
    IssueType("document-not-found", "error", "文件不存在", "The document does not exist",
              "放入该文件，或修正路径。", NOT_FOUND),
    DOCUMENT_CONTENT)
DISBURSEMENT_VOUCHER = Attachment(
    IssueType("disbursement-voucher-unsafe", "error", "凭证路径不安全",
              "The voucher's path is unsafe",
              "凭证必须是 vouchers/ 目录中的普通文件：不用 ..、不用绝对路径、不用符号链接。",
              UNSAFE, UNSAFE_VARIANTS),
    IssueType("disbursement-voucher-type", "error", "凭证文件类型不允许",
              "The voucher is not an allowed type",
              "凭证只能是 jpg、png、webp 或 pdf 文件，且内容与扩展名一致。",
              WRONG_TYPE, WRONG_TYPE_VARIANTS),
    IssueType("disbursement-voucher-not-found", "error", "凭证文件不存在",
              "The voucher file does not exist", "把凭证文件放到所写的路径，或修正路径。",
              NOT_FOUND),
    DISBURSEMENT_VOUCHER_CONTENT)
STANDARD_BODY = Attachment(
    IssueType("standard-body-unsafe", "error", "全文路径不安全", "The full text's path is unsafe",
              "全文必须是 texts/ 目录中的普通文件：不用 ..、不用绝对路径、不用符号链接。",
              UNSAFE, UNSAFE_VARIANTS),
    IssueType("standard-body-type", "error", "全文不是 UTF-8 的 Markdown 文件",
              "The full text is not a UTF-8 Markdown file", "全文须是 UTF-8 编码的 .md 文件。",
              WRONG_TYPE, WRONG_TYPE_VARIANTS),
    IssueType("standard-body-not-found", "error", "全文文件不存在",
              "The full text does not exist", "把 Markdown 全文放到 texts/ 目录，或修正路径。",
              NOT_FOUND))
STANDARD_PDF = Attachment(
    IssueType("standard-pdf-unsafe", "error", "PDF 路径不安全", "The PDF's path is unsafe",
              "PDF 必须是 pdfs/ 目录中的普通文件：不用 ..、不用绝对路径、不用符号链接。",
              UNSAFE, UNSAFE_VARIANTS),
    IssueType("standard-pdf-type", "error", "不是 PDF 文件", "Not a PDF file",
              "pdf 列只能指向 PDF 文件。", WRONG_TYPE, WRONG_TYPE_VARIANTS),
    IssueType("standard-pdf-not-found", "error", "PDF 文件不存在", "The PDF does not exist",
              "把 PDF 放到 pdfs/ 目录，或修正路径。", NOT_FOUND),
    STANDARD_PDF_CONTENT)
