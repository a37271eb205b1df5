"""The newsletter splitter: a raw newsletter in any form it arrives in -> its items, in order.

One module per input form (email_message, html, markdown, text), the shared block model
(blocks, patterns), the item assembler (assemble, with the generic rules in fallback), and the
entry point (split); learn/ holds the small classifier of block shapes that readings.py weighs beside the
rules. No language model is involved; everything here is linear in the input's size.
"""

from .model import Newsletter, NewsletterItem
from .split import FORMATS, detect_format, normalise_date, split_body, split_message, split_newsletter

__all__ = ["FORMATS", "Newsletter", "NewsletterItem", "detect_format", "normalise_date", "split_body",
           "split_message", "split_newsletter"]
