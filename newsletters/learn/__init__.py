"""The learned reader: a small classifier over block features that picks item headlines, a second
opinion beside the rules where they found little (readings.py). features.py and reader.py run in
the splitter; corpus.py, train.py and evaluate.py train and measure it on the fixture corpus of a
source checkout (tests/fixtures/newsletters)."""
