// "Where does my fee go": a resident's yearly fee from her floor area, spent as the community spent this year.
